/** The app config's Terraform and publishing settings. */
export {
  createExecutor,
  readPublishSettings,
  readTerraformSettings,
  type PublishSettings,
  type TerraformSettings,
} from './settings';
