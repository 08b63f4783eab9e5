/**
 * The Terraform and publishing settings, read by `@terrace/plugin-environments-node` (shared with
 * the environments backend's drift checks).
 */
export {
  createExecutor,
  readPublishSettings,
  readTerraformSettings,
  type PublishSettings,
  type TerraformSettings,
} from '@terrace/plugin-environments-node';
