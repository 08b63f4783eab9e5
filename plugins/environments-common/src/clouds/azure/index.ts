/** Azure: its profile, its naming rules and its validation rules. */
export * from './profile';
export * from './names';
export { checkAzureSpec } from './rules';
export { ATLAS_AZURE_REGIONS } from './atlas';
export * from './subscription';
