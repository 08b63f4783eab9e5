/**
 * A Google Cloud project id: 6 to 30 characters, lowercase letters, digits and hyphens, starting
 * with a letter and not ending with a hyphen (Resource Manager's rule:
 * https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin).
 * What `terrace.dev/account-id` holds on Google Cloud.
 * @public
 */
export const GCP_PROJECT_ID_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
