/**
 * Who purges a soft deletion once its undo window has passed: the device that made it.
 *
 * Another device shows the deletion at once (deleted_at travels like any column) but
 * waits for the deleting device's purge, which arrives as a tombstone. Were it to purge
 * on its own clock it could purge a conversation the user brought back with Undo while
 * this device was offline, and that purge, being final, would lose it everywhere. A
 * row's deletion is another device's when the version held here came from that device
 * and nothing of this device's is waiting to go out for it. Without sync (no
 * `sync_device` row) every deletion is this device's.
 */
export function deletedHereSql(kind: 'conversation' | 'message', table: string): string {
  return `NOT EXISTS (
    SELECT 1 FROM sync_known k JOIN sync_device d ON k.device <> d.device_id
     WHERE k.kind = '${kind}' AND k.id = ${table}.id
       AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = k.kind AND o.id = k.id))`;
}
