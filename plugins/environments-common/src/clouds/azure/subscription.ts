/**
 * An Azure subscription id: a GUID (8-4-4-4-12 hexadecimal digits), as `az account show --query
 * id` prints it. What `terrace.dev/account-id` holds on Azure.
 * @public
 */
export const AZURE_SUBSCRIPTION_ID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
