import type { EnvironmentEvent } from '@terrace/plugin-environments-common';
import {
  callEnvironments,
  type EnvironmentsDiscovery,
  type EnvironmentsServiceAuth,
} from './client';
import type { EnvironmentHistoryRecorder } from './types';

/**
 * Records history events with the environments backend (`POST /v1/history`), with the calling
 * plugin's service credentials (the scaffolder's).
 * @public
 */
export class HttpEnvironmentHistoryRecorder
  implements EnvironmentHistoryRecorder
{
  constructor(
    private readonly deps: {
      discovery: EnvironmentsDiscovery;
      auth: EnvironmentsServiceAuth;
    },
  ) {}

  /** Errors: `ResponseError` when the backend refuses the event (e.g. 400 naming the field). */
  async record(event: EnvironmentEvent): Promise<void> {
    await callEnvironments(this.deps, '/v1/history', {
      method: 'POST',
      body: event,
    });
  }
}
