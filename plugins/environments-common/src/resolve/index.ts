export {
  resolveEnvironment,
  TAG_TIER,
  TAG_OWNER,
  TAG_SYSTEM,
  TAG_MANAGED_BY,
} from './resolveEnvironment';
export { resourceName, fitName, MAX_RESOURCE_NAME_LENGTH } from './naming';
export { resolveAlarms } from './alarms';
