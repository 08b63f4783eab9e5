/**
 * How the Azure readers turn an Azure failure into the neutral errors of `../errors`. The message
 * is what a user reads on the card: what Azure refused or what failed, and what to do (the role
 * to grant, the identity to check), in Azure's words; never a stack trace.
 */

import { NotConfiguredError, SectionReadError } from '../errors';
import type { AzureCall } from './client';

/** The `error` of an Azure Resource Manager error answer (`{ error: { code, message } }`). */
function armError(body: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(body);
    const error = parsed?.error ?? parsed;
    return {
      code: typeof error?.code === 'string' ? error.code : undefined,
      message: typeof error?.message === 'string' ? error.message : undefined,
    };
  } catch {
    return {};
  }
}

/** Describes an Azure error answer (status and body) in words for the section card. */
export function describeAzureResponse(
  response: { status: number; body: string; attempts: number },
  call: AzureCall,
): Error {
  const { code, message } = armError(response.body);
  const where = `subscription ${call.subscriptionId}`;
  const detail = [code, message?.split('\n')[0]].filter(Boolean).join(': ');
  if (response.status === 401) {
    return new SectionReadError(
      `Azure refused the Backstage backend's token for ${
        call.operation
      } (${where})${
        detail ? `: ${detail}` : ''
      }. Check its workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE)`,
    );
  }
  if (response.status === 403) {
    return new SectionReadError(
      `Azure denied ${call.operation} (${where}): grant the Backstage backend's identity the ${call.role} role on the subscription`,
    );
  }
  if (response.status === 429) {
    return new SectionReadError(
      `Azure throttled ${call.operation} (${where}) after ${response.attempts} attempts; it is retried on the next refresh`,
    );
  }
  return new SectionReadError(
    `${call.operation} failed (${where}): HTTP ${response.status}${
      detail ? ` ${detail}` : ''
    }`,
  );
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

/** Describes a failure that left no answer (no credential, timeout, network) in words. */
export function describeAzureFailure(error: unknown, call: AzureCall): Error {
  if (
    error instanceof NotConfiguredError ||
    error instanceof SectionReadError
  ) {
    return error;
  }
  const e = error as { name?: string; code?: string; message?: string };
  const first = (e?.message ?? String(error)).split('\n')[0];
  const where = `subscription ${call.subscriptionId}`;
  if (e?.name && CREDENTIAL_ERRORS.has(e.name)) {
    return new NotConfiguredError(
      `The Backstage backend has no Azure credential (${first}): give it a workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE) or another credential DefaultAzureCredential reads`,
    );
  }
  if (e?.name === 'AbortError' || e?.code === 'ETIMEDOUT') {
    return new SectionReadError(
      `${call.operation} did not answer in time (${where})`,
    );
  }
  return new SectionReadError(
    `${call.operation} failed (${where}): ${
      e?.code ?? e?.name ?? 'Error'
    }: ${first}`,
  );
}
