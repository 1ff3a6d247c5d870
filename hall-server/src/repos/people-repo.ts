import type { DeviceKind, PrinterState, Role } from '@hall/shared';
import type { Db } from '../db/database';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  staffNo: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface DeviceRecord {
  id: number;
  kind: DeviceKind;
  name: string;
  counterId: number | null;
  revoked: boolean;
  lastSeenAt: number | null;
  disconnects: number;
  printerState: PrinterState | null;
  printerMessage: string | null;
  printerChangedAt: number | null;
}

interface UserRow {
  id: number; username: string; display_name: string; staff_no: string; role: Role; password_hash: string; disabled: number;
}
interface DeviceRow {
  id: number; kind: DeviceKind; name: string; counter_id: number | null; revoked_at: number | null; last_seen_at: number | null;
  disconnects: number; printer_state: PrinterState | null; printer_message: string | null; printer_changed_at: number | null;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id, username: row.username, displayName: row.display_name, staffNo: row.staff_no, role: row.role,
  passwordHash: row.password_hash, disabled: row.disabled === 1,
});
const toDevice = (row: DeviceRow): DeviceRecord => ({
  id: row.id, kind: row.kind, name: row.name, counterId: row.counter_id, revoked: row.revoked_at !== null,
  lastSeenAt: row.last_seen_at, disconnects: row.disconnects, printerState: row.printer_state,
  printerMessage: row.printer_message, printerChangedAt: row.printer_changed_at,
});

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;

/** SQL for staff users, their sessions, and paired devices. Tokens are stored only as hashes. */
export function createPeopleRepo(db: Db) {
  const userById = db.prepare('SELECT * FROM users WHERE id = ?');
  const userByName = db.prepare('SELECT * FROM users WHERE username = ?');
  const allUsers = db.prepare('SELECT * FROM users ORDER BY id');
  const insertUser = db.prepare(
    'INSERT INTO users (username, display_name, staff_no, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateUser = db.prepare('UPDATE users SET display_name = ?, staff_no = ?, role = ?, disabled = ? WHERE id = ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const sessionUser = db.prepare(
    'SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_hash = ? AND expires_at > ? AND users.disabled = 0',
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const deleteUserSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const deviceByHash = db.prepare('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL');
  const deviceById = db.prepare('SELECT * FROM devices WHERE id = ?');
  const allDevices = db.prepare('SELECT * FROM devices ORDER BY id');
  const insertDevice = db.prepare('INSERT INTO devices (kind, name, counter_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const revokeDevice = db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touchDevice = db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?');
  const countDisconnect = db.prepare('UPDATE devices SET disconnects = disconnects + 1, last_seen_at = ? WHERE id = ?');
  const setPrinter = db.prepare('UPDATE devices SET printer_state = ?, printer_message = ?, printer_changed_at = ? WHERE id = ?');

  const maybeUser = (row: unknown) => (row ? toUser(row as UserRow) : null);
  const maybeDevice = (row: unknown) => (row ? toDevice(row as DeviceRow) : null);

  return {
    user: (id: number) => maybeUser(userById.get(id)),
    userByName: (username: string) => maybeUser(userByName.get(username)),
    users: () => (allUsers.all() as UserRow[]).map(toUser),
    insertUser: (user: { username: string; displayName: string; staffNo: string; role: Role; passwordHash: string }, now: number) =>
      Number(insertUser.run(user.username, user.displayName, user.staffNo, user.role, user.passwordHash, now).lastInsertRowid),
    updateUser: (id: number, fields: { displayName: string; staffNo: string; role: Role; disabled: boolean }) => {
      updateUser.run(fields.displayName, fields.staffNo, fields.role, fields.disabled ? 1 : 0, id);
      if (fields.disabled) deleteUserSessions.run(id);
    },
    setPassword: (id: number, passwordHash: string) => {
      setPassword.run(passwordHash, id);
      deleteUserSessions.run(id);
    },
    insertSession: (tokenHash: string, userId: number, now: number, expiresAt: number) => {
      deleteExpired.run(now);
      insertSession.run(tokenHash, userId, now, expiresAt);
    },
    sessionUser: (tokenHash: string, now: number) => maybeUser(sessionUser.get(tokenHash, now)),
    deleteSession: (tokenHash: string) => {
      deleteSession.run(tokenHash);
    },
    deviceByTokenHash: (tokenHash: string) => maybeDevice(deviceByHash.get(tokenHash)),
    device: (id: number) => maybeDevice(deviceById.get(id)),
    devices: () => (allDevices.all() as DeviceRow[]).map(toDevice),
    insertDevice: (kind: DeviceKind, name: string, counterId: number | null, tokenHash: string, now: number) =>
      Number(insertDevice.run(kind, name, counterId, tokenHash, now).lastInsertRowid),
    revokeDevice: (id: number, now: number) => revokeDevice.run(now, id).changes > 0,
    touchDevice: (id: number, now: number) => {
      touchDevice.run(now, id);
    },
    countDisconnect: (id: number, now: number) => {
      countDisconnect.run(now, id);
    },
    setPrinterState: (id: number, state: PrinterState, message: string | null, now: number) => {
      setPrinter.run(state, message, now, id);
    },
  };
}
