import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionSyntaxError, checkAssertion, parseAssertion } from '../../src/report/assertions.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';
import { join } from 'node:path';

const summary = { latency_ms: { p99: 612.5, p50: null }, requests: { failed: 3, arrived: 1000 }, cost_usd: { total: 4.2 } };

describe('--assert bounds', () => {
  it.each([
    ['latency_ms.p99 < 500', false],
    ['latency_ms.p99 <= 612.5', true],
    ['requests.failed / requests.arrived < 0.001', false],
    ['requests.failed / requests.arrived < 0.01', true],
    ['cost_usd.total * 2 + 1 >= 9.4', true],
    ['(requests.arrived - requests.failed) / requests.arrived > 0.99', true],
    ['-cost_usd.total < 0', true],
    ['latency_ms.p50 < 100', false], // no data: a bound on it cannot be met
    ['1e3 == requests.arrived', true],
    ['requests.failed != 3', false],
  ])('%s -> %s', (text, passed) => {
    expect(checkAssertion(parseAssertion(text), summary).passed).toBe(passed);
  });

  it.each(['latency_ms.p99', 'latency_ms.p99 <', '< 5', 'a < b < c', '(1 < 2', 'x ~ 3', 'latency_ms.p99 < 5 5'])('rejects %s', (text) => {
    expect(() => parseAssertion(text)).toThrow(AssertionSyntaxError);
  });

  it('names a path that is not a number in the summary', () => {
    expect(() => checkAssertion(parseAssertion('latency_ms < 5'), summary)).toThrow(/latency_ms/);
    expect(() => checkAssertion(parseAssertion('nothing.here < 5'), summary)).toThrow(/nothing.here/);
  });

  it('any text either parses or is rejected with AssertionSyntaxError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          parseAssertion(text);
        } catch (err) {
          expect(err).toBeInstanceOf(AssertionSyntaxError);
        }
      }),
    );
  });
});

describe('fleetsim run --assert and --json', () => {
  const scenario = {
    name: 'gate',
    duration: '10m',
    workload: { arrivals: { type: 'poisson', rate: 20 }, service_time: { dist: 'constant', value: 0.05 } },
    fleet: { instance_type: 'm7g.large', instances: 2 },
  };

  it('exit 0 when every bound holds, 1 with a line per failed bound, 2 for a malformed one or one on a path that is not a number', async () => {
    const file = writeScenario(scenario);
    const out = join(tempDir(), 'out');
    const ok = await cli(['run', file, '--out', out, '--quiet', '--assert', 'latency_ms.p99 < 1000', '--assert', 'requests.failed == 0']);
    expect(ok.code).toBe(0);
    const bad = await cli(['run', file, '--out', out, '--quiet', '--assert', 'latency_ms.p99 < 1', '--assert', 'cost_usd.total < 0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2);
    expect(bad.stderr).toContain('assertion failed: latency_ms.p99 < 1');
    const malformed = await cli(['run', file, '--out', out, '--assert', 'latency_ms.p99 <<< 1']);
    expect(malformed.code).toBe(2);
    // Known only once summary.json exists: still bad input, not an internal error.
    const notANumber = await cli(['run', file, '--out', out, '--quiet', '--assert', 'latency_ms < 5']);
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain('--assert: "latency_ms" in "latency_ms < 5" is not a number in summary.json');
  });

  it('--json prints summary.json on stdout', async () => {
    const r = await cli(['run', writeScenario(scenario), '--out', join(tempDir(), 'out'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('gate');
  });
});
