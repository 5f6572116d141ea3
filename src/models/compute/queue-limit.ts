/**
 * Requests an instance keeps waiting for a worker unless the scenario sets `queue_limit`: Linux's
 * default `net.core.somaxconn`, 4096 since kernel 5.4 (128 before; Amazon Linux 2023 runs 6.1).
 * The kernel caps every listen backlog at it, whatever the server asks for (nginx and Node.js ask
 * for 511, gunicorn 2048, puma 1024), so it is the longest accept queue a server on a default
 * Linux gets. docs/fidelity.md ("Instances") says why one queue of this length stands for it.
 */
export const DEFAULT_QUEUE_LIMIT = 4096;
