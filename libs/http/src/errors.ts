import { contractError, type ContractError } from '@gpb/contracts';
import type { UpstreamFailure } from './outcome';

/** The contract error for a failed upstream call; `upstream` names it for the message (e.g. "PDS"). */
export function upstreamFailureError(failure: UpstreamFailure, upstream: string): ContractError {
  switch (failure.kind) {
    case 'timeout':
      return contractError('UPSTREAM_TIMEOUT', `${upstream} did not answer before the deadline`, true);
    case 'rate-limited':
      return contractError('UPSTREAM_RATE_LIMITED', `${upstream} rate limit reached`, true);
    case 'circuit-open':
      return contractError('UPSTREAM_UNAVAILABLE', `${upstream} is failing; calls are paused (circuit open)`, true);
    case 'unavailable':
      return contractError('UPSTREAM_UNAVAILABLE', `${upstream} is unavailable (HTTP ${failure.status ?? 'error'})`, true);
    case 'network':
      return contractError('UPSTREAM_UNAVAILABLE', `${upstream} could not be reached`, true);
  }
}
