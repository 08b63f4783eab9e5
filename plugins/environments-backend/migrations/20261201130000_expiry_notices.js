// @ts-check
/**
 * Expiry of preview environments: which notice (3 days before, 1 day before, expired, destroy
 * started) was sent for which expiry date of which environment, so that each is sent once, also
 * across restarts and replicas. A new expiry date (the owner extended it) starts afresh.
 * Times are ISO 8601 UTC strings.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_expiry_notices', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('expires_at', 32).notNullable();
    table.string('notice', 16).notNullable();
    table.string('sent_at', 32).notNullable();
    table
      .string('task_id', 64)
      .nullable()
      .comment('the destroy task, for notice destroy');
    table.primary(['entity_ref', 'expires_at', 'notice']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_expiry_notices');
};
