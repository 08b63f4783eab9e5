// @ts-check
/**
 * Day-two tables of the environments plugin: each environment's history, its latest drift, and
 * approvals of production applies and destroys. Times are ISO 8601 UTC strings.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_events', table => {
    table.increments('id').primary();
    table.string('environment', 64).notNullable().index();
    table.string('kind', 16).notNullable();
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('summary').notNullable();
    table.text('cost_delta').nullable().comment('EnvironmentCostDelta as JSON');
    table.string('task_id', 64).nullable();
  });
  await knex.schema.createTable('environment_drift', table => {
    table.string('environment', 64).primary();
    table.string('status', 16).notNullable();
    table.string('checked_at', 32).notNullable();
    table
      .text('resources')
      .nullable()
      .comment('JSON array of { address, actions }');
    table.text('reason').nullable();
  });
  await knex.schema.createTable('environment_approvals', table => {
    table.string('id', 64).primary();
    table.string('environment', 64).notNullable().index();
    table.string('action', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('task_id', 64).nullable();
    table.string('status', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 32).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_approvals');
  await knex.schema.dropTable('environment_drift');
  await knex.schema.dropTable('environment_events');
};
