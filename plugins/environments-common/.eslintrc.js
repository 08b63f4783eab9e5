const { structure } = require('../../scripts/eslint/structure');

module.exports = require('@backstage/cli/config/eslint-factory')(
  __dirname,
  structure('common', __dirname),
);
