import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';

/** The workflow's AWS credentials: the repository's OIDC role, no stored keys. */
export function awsWorkflowCredentialSteps(
  env: ResolvedEnvironment,
): Array<Record<string, unknown>> {
  return [
    {
      name: 'AWS credentials (OIDC)',
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: {
        'role-to-assume': '${{ vars.TERRACE_AWS_ROLE_ARN }}',
        'aws-region': env.region,
      },
    },
  ];
}
