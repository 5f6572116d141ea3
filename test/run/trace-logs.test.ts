import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, runScenario, tempDir } from '../helpers/run-cli.ts';

const trace = (name: string) => new URL(`../../scenarios/traces/${name}`, import.meta.url).pathname;
const NASA = trace('nasa_19950701_access_excerpt.log');
const ALB = trace('alb_access_sample.log');
const albLines = readFileSync(ALB, 'utf8').trim().split('\n');
/** target_processing_time, the 7th field: the sample's -1 lines and its slowest request. */
const targetTimes = albLines.map((l) => Number(l.split(' ')[6]));

/** The NASA excerpt with two malformed lines put in after lines 3 and 10. */
function nasaWithBadLines(): string {
  const lines = readFileSync(NASA, 'utf8').trim().split('\n');
  lines.splice(10, 0, 'this is not a log line');
  lines.splice(3, 0, 'host - - [01/Jul/1995:00:00:61 -0400] "GET / HTTP/1.0" 200 1');
  const file = join(tempDir(), 'nasa-bad.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('fleetsim trace on access logs', () => {
  it('convert buckets the NASA log excerpt into the minutes of the shipped 60 s trace', async () => {
    const r = await cli(['trace', 'convert', NASA, '--bucket', '60s']);
    expect(r.code).toBe(0);
    const month = readFileSync(trace('nasa_jul95_60s.csv'), 'utf8').trim().split('\n');
    expect(r.stdout.trim().split('\n')).toEqual(month.slice(0, 4));
  });

  it('inspect tells an ALB log, its clock and its target processing times', async () => {
    const r = await cli(['trace', 'inspect', ALB, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.format).toBe('alb');
    expect(s.origin).toBe('2026-03-02T14:00:00.000Z');
    expect(s.requests).toBe(albLines.length);
    expect(s.serviceTime.missing).toBe(targetTimes.filter((t) => t < 0).length);
    expect(s.serviceTime.requests + s.serviceTime.missing).toBe(albLines.length);
    const text = await cli(['trace', 'inspect', ALB]);
    expect(text.stdout).toMatch(/ALB access log[\s\S]*target_processing_time mean/);
  });

  it('inspect on an ALB log whose every line has target_processing_time -1 says none was recorded, not NaN', async () => {
    const file = join(tempDir(), 'all-missing.log');
    writeFileSync(file, `${albLines.map((l) => l.split(' ').map((f, i) => (i === 6 ? '-1' : f)).join(' ')).join('\n')}\n`);
    const json = JSON.parse((await cli(['trace', 'inspect', file, '--json'])).stdout);
    expect(json.serviceTime).toEqual({ requests: 0, missing: albLines.length, mean: null, p50: null, p99: null });
    const text = (await cli(['trace', 'inspect', file])).stdout;
    expect(text).toContain(`no target_processing_time recorded (${albLines.length} of ${albLines.length} requests without one: -1)`);
    expect(text).not.toContain('NaN');
  });

  it('inspect reads a gzip log the same as the plain one', async () => {
    const gz = join(tempDir(), 'access.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(NASA)));
    const plain = JSON.parse((await cli(['trace', 'inspect', NASA, '--json'])).stdout);
    const packed = JSON.parse((await cli(['trace', 'inspect', gz, '--json'])).stdout);
    expect(packed).toEqual(plain);
  });

  it('stops at the first malformed line with its number, or counts them on stderr with --skip-bad-lines', async () => {
    const file = nasaWithBadLines();
    const strict = await cli(['trace', 'inspect', file]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${file}:4: time "01/Jul/1995:00:00:61 -0400"`);
    const lenient = await cli(['trace', 'convert', file, '--bucket', '60s', '--skip-bad-lines']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toBe(`fleetsim: ${file}: skipped 2 malformed lines\n`);
    const counts = lenient.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(readFileSync(NASA, 'utf8').trim().split('\n').length);
  });
});

describe('fleetsim run replaying access logs', () => {
  const nasaScenario = (file: string, skip?: boolean) => ({
    name: 'nasa-bad',
    workload: {
      arrivals: { type: 'requests', file, ...(skip === undefined ? {} : { skip_bad_lines: skip }) },
      service_time: { dist: 'constant', value: 0.01 },
    },
    fleet: { instance_type: 'm7g.large', instances: 1 },
  });

  it('--skip-bad-lines and skip_bad_lines count the skipped lines in summary.json', async () => {
    const file = nasaWithBadLines();
    const byOption = await runScenario(nasaScenario(file), ['--skip-bad-lines']);
    const byKey = await runScenario(nasaScenario(file, true));
    for (const s of [byOption, byKey]) {
      expect(s.requests.skipped_trace_lines).toBe(2);
      expect(s.requests.arrived).toBe(readFileSync(NASA, 'utf8').trim().split('\n').length);
    }
    const plain = await runScenario(nasaScenario(NASA));
    expect(plain.requests.skipped_trace_lines).toBe(0);
  });

  it('service_time from_trace serves each request for its logged target_processing_time', async () => {
    const s = await runScenario({
      name: 'alb-from-trace',
      workload: {
        arrivals: { type: 'requests', file: ALB },
        service_time: { dist: 'from_trace', missing: { dist: 'constant', value: 0.001 } },
      },
      // Far more workers than requests in flight: no request waits, so latency is service time.
      fleet: { instance_type: 'm7g.2xlarge', instances: 2, workers: 64 },
    }, ['--duration', '2m']);
    expect(s.requests.completed).toBe(albLines.length);
    expect(s.queueing.waited_fraction).toBe(0);
    expect(s.latency_ms.max).toBeCloseTo(Math.max(...targetTimes) * 1000, 6);
  });

  it('service_time from_trace with scale multiplies each logged time, and not the missing draws', async () => {
    const scenario = (scale: number) => ({
      name: 'alb-from-trace-scaled',
      workload: {
        arrivals: { type: 'requests', file: ALB },
        service_time: { dist: 'from_trace', scale, missing: { dist: 'constant', value: 0.001 } },
      },
      // No request waits (see above), so each latency is the request's scaled service time.
      fleet: { instance_type: 'm7g.2xlarge', instances: 2, workers: 64 },
    });
    const half = await runScenario(scenario(0.5), ['--duration', '2m']);
    expect(half.queueing.waited_fraction).toBe(0);
    expect(half.latency_ms.max).toBeCloseTo(Math.max(...targetTimes) * 500, 6);
    // The -1 lines take the missing draw, 1 ms, unscaled.
    const served = targetTimes.filter((t) => t >= 0);
    const expectedMeanMs = (served.reduce((a, t) => a + t * 500, 0) + (targetTimes.length - served.length) * 1) / targetTimes.length;
    expect(half.latency_ms.mean).toBeCloseTo(expectedMeanMs, 2);
  });

  it('from_trace on a log that records no service times is an error naming the file, even with `missing`', async () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, `name: clf\nworkload:\n  arrivals: { type: requests, file: ${NASA} }\n  service_time: { dist: from_trace, missing: { dist: constant, value: 1ms } }\nfleet: { instance_type: m7g.large, instances: 1 }\n`);
    const r = await cli(['run', file, '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${NASA}: is a Common Log Format, which records no service times`);
  });

  it('from_trace on a log whose every line is skipped is an error naming the file, not a mean service time of 0 / 0', async () => {
    const dir = tempDir();
    const log = join(dir, 'bad.log');
    writeFileSync(log, 'not a log line\nnor this\n');
    const file = join(dir, 's.yaml');
    writeFileSync(
      file,
      `name: alb\nworkload:\n  arrivals: { type: requests, file: ${log}, format: alb, skip_bad_lines: true }\n  service_time: { dist: from_trace, missing: { dist: constant, value: 1ms } }\nfleet: { instance_type: m7g.large, instances: 1 }\n`,
    );
    const r = await cli(['run', file, '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${log}: no requests in the file`);
  });

  it('from_trace without `missing` stops at the first request whose target did not answer, naming its line', async () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, `name: alb\nworkload:\n  arrivals: { type: requests, file: ${ALB} }\n  service_time: { dist: from_trace }\nfleet: { instance_type: m7g.large, instances: 2 }\n`);
    const r = await cli(['run', file, '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    // Lines in arrival order: the first -1 line to arrive is the earliest request_creation_time among them.
    const firstMissing = albLines
      .map((l, i) => ({ i, created: l.match(/ (\S+Z) "[^"]*" "[^"]*" "[^"]*" "[^"]*" "[^"]*" "[^"]*" "[^"]*" \S+$/)?.[1] ?? '' }))
      .filter(({ i }) => targetTimes[i] < 0)
      .sort((a, b) => a.created.localeCompare(b.created))[0];
    expect(r.stderr).toContain(`${ALB}:${firstMissing.i + 1}: target_processing_time is -1`);
    expect(r.stderr).toContain('workload.service_time.missing');
  });
});
