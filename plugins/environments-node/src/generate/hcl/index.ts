export * from './ast';
export { escapeString, renderValue, renderFile, formatHcl } from './render';
