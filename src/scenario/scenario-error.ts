/** One thing wrong with a scenario: where, and what was expected. */
export interface ScenarioProblem {
  readonly file: string;
  /** 1-based line in the file, where known. */
  readonly line?: number;
  /** Key path such as `fleet.instances`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** A scenario that cannot run, with every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

function formatProblem(p: ScenarioProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}
