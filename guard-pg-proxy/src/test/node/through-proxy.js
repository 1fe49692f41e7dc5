// node-postgres through dbguard-pg-proxy: run by NodePostgresThroughProxyTest against a route in production (block
// mode), table items with rows 1..5. Connection settings come from libpq's variables (PGHOST, PGPORT, PGUSER,
// PGDATABASE, PGPASSWORD, PGOPTIONS), which node-postgres reads too. One line per step, for the test to check:
//   <step>: ok <command> <rowCount> <rows as JSON>
//   <step>: error <SQLSTATE> <severity>   followed by the message, detail and hint lines
// The last step prints a refusal to stderr as console.error shows it to a node user.
'use strict'
const { Client } = require('pg')

async function step(client, name, query, values) {
  try {
    const result = await client.query(query, values)
    console.log(`${name}: ok ${result.command} ${result.rowCount} ${JSON.stringify(result.rows)}`)
  } catch (error) {
    if (!error.code) {
      throw error
    }
    console.log(`${name}: error ${error.code} ${error.severity}`)
    console.log(`  message: ${error.message}`)
    console.log(`  detail: ${error.detail}`)
    console.log(`  hint: ${error.hint}`)
  }
}

async function main() {
  const client = new Client({ application_name: 'node-postgres' })
  await client.connect()
  try {
    // simple query protocol
    await step(client, 'simple-count', 'SELECT count(*)::int AS n FROM items')
    // extended protocol: Parse/Bind/Describe/Execute/Sync written at once
    await step(client, 'parameterised-select', 'SELECT name FROM items WHERE id = $1', [2])
    await step(client, 'parameterised-insert', 'INSERT INTO items (id, name) VALUES ($1, $2)', [6, 'item 6'])
    // queued without waiting, a refusal in the middle; node-postgres 8 sends each after the previous one's
    // ReadyForQuery, each with its own Sync
    await Promise.all([
      step(client, 'queued-before', { text: 'SELECT $1::int AS n', values: [1] }),
      step(client, 'queued-refused', { name: 'wipe', text: 'DELETE FROM items' }),
      step(client, 'queued-after', { text: 'SELECT $1::int AS n', values: [3] }),
    ])
    // refusals, simple and extended protocol
    await step(client, 'refused-drop', 'DROP TABLE items')
    await step(client, 'refused-truncate', 'TRUNCATE items')
    await step(client, 'refused-delete', 'DELETE FROM items')
    await step(client, 'refused-delete-extended', { text: 'DELETE FROM items', queryMode: 'extended' })
    await step(client, 'refused-update-parameterised', 'UPDATE items SET name = $1', ['gone'])
    // a transaction around a refusal: PostgreSQL's failed-transaction semantics, then ROLLBACK
    await step(client, 'tx-begin', 'BEGIN')
    await step(client, 'tx-insert', 'INSERT INTO items (id, name) VALUES ($1, $2)', [7, 'item 7'])
    await step(client, 'tx-refused', 'DELETE FROM items')
    await step(client, 'tx-after-refusal', 'SELECT 1 AS one')
    await step(client, 'tx-rollback', 'ROLLBACK')
    // the connection is usable after the refusals
    await step(client, 'after-count', 'SELECT count(*)::int AS n FROM items')
    await step(client, 'after-scoped-delete', 'DELETE FROM items WHERE id = $1', [6])
    try {
      await client.query('DROP TABLE items')
    } catch (error) {
      console.error(error)
    }
    await step(client, 'final-count', 'SELECT count(*)::int AS n FROM items')
  } finally {
    await client.end()
  }
}

main().catch((error) => {
  console.error('node-postgres script failed:', error)
  process.exit(1)
})
