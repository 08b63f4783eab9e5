export {
  resolveEnvironment,
  TAG_TIER,
  TAG_OWNER,
  TAG_SYSTEM,
  TAG_MANAGED_BY,
} from './resolveEnvironment';
export { resourceName, fitName, fnv1a } from './naming';
export { resolveAlarms } from './alarms';
