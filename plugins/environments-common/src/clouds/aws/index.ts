/** AWS: its profile, and its tables of naming rules and engine versions. */
export * from './profile';
export * from './names';
export * from './engines';
