/** Google Cloud: its profile, and its table of naming rules. */
export * from './profile';
export * from './names';
export * from './project';
