/**
 * The workflow's Google Cloud credentials: Workload Identity Federation from the repository's
 * variables (`TERRACE_GCP_WORKLOAD_IDENTITY_PROVIDER`, `TERRACE_GCP_SERVICE_ACCOUNT`), no stored keys.
 */
export function gcpWorkflowCredentialSteps(): Array<Record<string, unknown>> {
  return [
    {
      name: 'Google Cloud credentials (Workload Identity Federation)',
      uses: 'google-github-actions/auth@v2',
      with: {
        workload_identity_provider:
          '${{ vars.TERRACE_GCP_WORKLOAD_IDENTITY_PROVIDER }}',
        service_account: '${{ vars.TERRACE_GCP_SERVICE_ACCOUNT }}',
      },
    },
  ];
}
