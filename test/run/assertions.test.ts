import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionSyntaxError, checkAssertion, parseAssertion } from '../../src/report/assertions.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';
import { existsSync, readFileSync } from 'node:fs';
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

  it('takes keys with dots in brackets and quotes', () => {
    const withTypes = { ...summary, cost_usd: { total: 4.2, by_instance_type: { 'm7g.xlarge': 3, 'c7g.large': 1.2 } } };
    expect(checkAssertion(parseAssertion('cost_usd.by_instance_type["m7g.xlarge"] == 3'), withTypes).passed).toBe(true);
    expect(checkAssertion(parseAssertion("cost_usd.by_instance_type[ 'c7g.large' ] * 2 < cost_usd.total"), withTypes).passed).toBe(true);
    // A key the scenario decides is checked once the run has it.
    expect(() => checkAssertion(parseAssertion('cost_usd.by_instance_type["r7g.large"] < 1'), withTypes)).toThrow(
      '"cost_usd.by_instance_type["r7g.large"]" in "cost_usd.by_instance_type["r7g.large"] < 1" is not in this run\'s summary.json (cost_usd.by_instance_type has "m7g.xlarge", "c7g.large")',
    );
    // A minus between two paths is subtraction, not part of a key.
    expect(checkAssertion(parseAssertion('requests.arrived-requests.failed == 997'), summary).passed).toBe(true);
  });

  it.each([
    ['latency_ms.p98 < 5', 'no key "p98" under latency_ms; its keys: count, mean, p50, p90, p95, p99, p999, max'],
    ['requests.failed_by_cause.http_500 > 0', 'no key "http_500" under requests.failed_by_cause; its keys: rejected, timeout, http_502, http_503, http_504'],
    ['scenario == 1', 'is not a number in summary.json but text'],
    ['latency_ms.p99.max < 1', 'latency_ms.p99 is a number, with no keys under it'],
    ['cost_usd.by_instance_type < 1', 'its keys depend on the scenario'],
    ['cost_usd.by_instance_type.m7g.xlarge < 1', 'a key with dots goes in brackets and quotes: cost_usd.by_instance_type["m7g.xlarge"]'],
  ])('refuses %s from the shape of summary.json alone', (text, words) => {
    expect(() => parseAssertion(text)).toThrow(AssertionSyntaxError);
    expect(() => parseAssertion(text)).toThrow(words);
  });

  it('takes keys that depend on the scenario without knowing them', () => {
    expect(() => parseAssertion('scaling.policy_activities.target_tracking + cost_usd.by_instance_type["m7g.xlarge"] > 0')).not.toThrow();
  });

  it.each([
    ['5000 nested parentheses', `${'('.repeat(5000)}1${')'.repeat(5000)} < 2`, 'characters long; a bound takes at most 1000'],
    ['33 nested parentheses', `${'('.repeat(33)}1${')'.repeat(33)} < 2`, 'more than 32 deep'],
    ['33 signs', `${'-'.repeat(33)}1 < 2`, 'more than 32 deep'],
    ['3000 terms', `${Array.from({ length: 3000 }, () => 'requests.failed').join(' + ')} < 2`, 'a bound takes at most 1000'],
  ])('bounds the length and nesting of a bound: %s', (_name, text, words) => {
    expect(() => parseAssertion(text)).toThrow(AssertionSyntaxError);
    expect(() => parseAssertion(text)).toThrow(words);
  });

  it('takes 32 levels of nesting and 1000 characters', () => {
    expect(checkAssertion(parseAssertion(`${'('.repeat(32)}1${')'.repeat(32)} < 2`), summary).passed).toBe(true);
    const sum = `${Array.from({ length: 249 }, () => '1').join(' + ')} == 249`;
    expect(sum.length).toBeLessThanOrEqual(1000);
    expect(checkAssertion(parseAssertion(sum), summary).passed).toBe(true);
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
    // Known from summary.json's shape: refused before the run, which writes nothing.
    const fresh = join(tempDir(), 'out');
    const notANumber = await cli(['run', file, '--out', fresh, '--quiet', '--assert', 'latency_ms < 5']);
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain('--assert: "latency_ms" in "latency_ms < 5" is not a number in summary.json but a section; its keys: count, mean, p50');
    expect(existsSync(fresh)).toBe(false);
  });

  it('report.html lists each figure under the path --assert takes for it', async () => {
    const out = join(tempDir(), 'out');
    const r = await cli(['run', writeScenario(scenario), '--out', out, '--quiet', '--assert', 'cost_usd.by_instance_type["m7g.large"] > 0']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<code>cost_usd.by_instance_type[&quot;m7g.large&quot;]</code>');
  });

  it('--json prints summary.json on stdout', async () => {
    const r = await cli(['run', writeScenario(scenario), '--out', join(tempDir(), 'out'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('gate');
  });
});
