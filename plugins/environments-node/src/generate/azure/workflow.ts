import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';

/**
 * The workflow's Azure credentials: workload identity federation (OIDC) with the repository's
 * client, tenant and subscription ids, no stored secrets; the azurerm provider and backend read
 * them from `ARM_*` with `ARM_USE_OIDC`.
 */
export function azureWorkflowCredentialSteps(
  _env: ResolvedEnvironment,
): Array<Record<string, unknown>> {
  return [
    {
      name: 'Azure credentials (OIDC)',
      uses: 'azure/login@v2',
      with: {
        'client-id': '${{ vars.TERRACE_AZURE_CLIENT_ID }}',
        'tenant-id': '${{ vars.TERRACE_AZURE_TENANT_ID }}',
        'subscription-id': '${{ vars.TERRACE_AZURE_SUBSCRIPTION_ID }}',
      },
    },
    {
      name: 'Terraform uses the OIDC identity',
      run: [
        'echo "ARM_USE_OIDC=true" >> "$GITHUB_ENV"',
        'echo "ARM_CLIENT_ID=${{ vars.TERRACE_AZURE_CLIENT_ID }}" >> "$GITHUB_ENV"',
        'echo "ARM_TENANT_ID=${{ vars.TERRACE_AZURE_TENANT_ID }}" >> "$GITHUB_ENV"',
        'echo "TF_VAR_subscription_id=${{ vars.TERRACE_AZURE_SUBSCRIPTION_ID }}" >> "$GITHUB_ENV"',
        '',
      ].join('\n'),
    },
  ];
}
