export { EnvironmentExpiryChip, entityExpiry } from './EnvironmentExpiryChip';
