/** AWS-specific tables: naming rules and engine versions. */
export * from './names';
export * from './engines';
