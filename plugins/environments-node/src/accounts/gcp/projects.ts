import type { Config } from '@backstage/config';
import {
  GCP_PROJECT_ID_PATTERN,
  type EnvironmentAccount,
} from '@terrace/plugin-environments-common';
import type { AccountList } from '../types';

/**
 * The Google Cloud projects new environments may be placed in: every
 * `environments.gcp.projects[].projectId`, with its `title` as the display name: the same list
 * the status readers read, so an environment is only created where the portal can see it. The
 * generated Terraform takes the project as `var.project_id`'s default and names the state bucket
 * after it. Throws an `Error` naming the key for an id that breaks Google's project id rule.
 * @public
 */
export function gcpProjects(config: Config): AccountList {
  const configured = config.getOptionalConfigArray('environments.gcp.projects') ?? [];
  const accounts: EnvironmentAccount[] = configured.map((entry, i) => {
    const id = entry.getString('projectId');
    if (!GCP_PROJECT_ID_PATTERN.test(id)) {
      throw new Error(
        `environments.gcp.projects[${i}].projectId: "${id}" is not a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen)`,
      );
    }
    const title = entry.getOptionalString('title');
    return title ? { id, title } : { id };
  });
  if (accounts.length > 0) return { accounts };
  return {
    accounts,
    reason:
      'No Google Cloud project is configured for new environments: list them under environments.gcp.projects in app-config.yaml (projectId, optionally title); the status cards read the same list',
  };
}
