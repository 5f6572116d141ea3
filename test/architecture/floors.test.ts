import { describe, expect, it } from 'vitest';
import { folderCycles, floorViolations, readImports, SRC_DIR, type Import } from './import-graph.ts';

const imports = readImports(SRC_DIR);

describe('floors of docs/architecture.md', () => {
  it('reads the imports of every source file', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports).toContainEqual({ from: 'scenario/build.ts', to: 'scenario/service-time.ts' });
  });

  it('no folder imports a floor above its own', () => {
    expect(floorViolations(imports)).toEqual([]);
  });

  it('no import cycle between folders (top-level folders and models/<area>)', () => {
    expect(folderCycles(imports)).toEqual([]);
  });

});

describe('the floor checks fail on a broken rule', () => {
  const withImport = (from: string, to: string): Import[] => [...imports, { from, to }];

  it.each([
    ['engine/simulator.ts', 'models/elb/load-balancer.ts'],
    ['models/elb/load-balancer.ts', 'scenario/schema.ts'],
    ['models/workload/workload.ts', 'report/summary.ts'],
    ['models/cost/billing-meter.ts', 'experiment/compare.ts'],
    ['report/summary.ts', 'experiment/compare-result.ts'],
    ['report/summary.ts', 'cli/program.ts'],
    ['scenario/build.ts', 'report/csv.ts'],
    ['scenario/simulate.ts', 'experiment/sweep.ts'],
    ['experiment/sweep.ts', 'cli/program.ts'],
    ['text/text-file.ts', 'engine/index.ts'],
  ])('%s -> %s', (from, to) => {
    expect(floorViolations(withImport(from, to))).toEqual([`src/${from} -> src/${to}`]);
  });

  it('a cycle between two model areas', () => {
    expect(folderCycles(withImport('models/requests/outcomes.ts', 'models/workload/workload.ts'))).not.toEqual([]);
  });

  it('a cycle through a known edge\'s folders by another import', () => {
    const [cycle, ...others] = folderCycles(withImport('models/elb/load-balancer.ts', 'models/autoscaling/group.ts'));
    expect(others).toEqual([]);
    expect(cycle).toEqual(expect.arrayContaining(['models/autoscaling', 'models/elb']));
  });

  it('a cycle between top-level folders', () => {
    expect(folderCycles(withImport('scenario/schema.ts', 'report/summary.ts'))).toEqual([['report', 'scenario']]);
  });
});
