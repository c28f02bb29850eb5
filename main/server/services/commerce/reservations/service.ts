// The reservation commands: make one (through the group-commit writer), move it on, and the store's
// queue, lookups by code or phone digits, and a customer's reservations. Roles are checked here as well as
// by the command policy: store staff act only on their own store.
import type { z } from 'zod';
import type {
  CustomerReservationsInput,
  ReservationCreateInput,
  ReservationFindInput,
  ReservationListInput,
  ReservationPage,
  ReservationTransitionInput,
  ReservationView,
} from '../../../../../common/api/reservations.ts';
import { can } from '../../../../../common/domain/policy.ts';
import { ACTIVE_RESERVATION_STATUSES, canTransition, normalizeReservationCode } from '../../../../../common/domain/reservations.ts';
import { ReservationStatus } from '../../../../../common/domain/enums.ts';
import { decodeCursor, encodeCursor } from '../../../db/keyset.ts';
import { ServiceError, forbidden, notFound } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { expireIfDue } from './expiry.ts';
import { notifyCustomer, type NoticeDeps, type NoticeSkip } from './notice.ts';
import { applyStep, stepSubjectInclude } from './steps.ts';
import { auditCustomerViews, presentRecord, presentReservations, viewInclude } from './views.ts';
import type { ReservationWriter } from './writer.ts';

export interface ReservationServiceDeps extends NoticeDeps {
  reservations: ReservationWriter;
}

type Parsed<T extends z.ZodType> = z.output<T>;

async function viewOf(deps: ReservationServiceDeps, viewer: Viewer, id: string): Promise<ReservationView> {
  const row = await deps.db.reservation.findUnique({ where: { id }, include: viewInclude });
  if (!row) throw notFound('Reservation');
  return (await presentReservations(deps.db, viewer, [row]))[0]!;
}

export async function createReservation(deps: ReservationServiceDeps, viewer: Viewer, input: Parsed<typeof ReservationCreateInput>): Promise<ReservationView> {
  const made = await deps.reservations.reserve({ input, actor: { userId: viewer.userId, role: viewer.role, ip: viewer.ip } });
  // A retry of a reservation already made: read back as it is now (it may have moved on since).
  if (!made.record) return viewOf(deps, viewer, made.reservationId);
  // Pushed by the writer's commit hook, one frame per commit (announceReserved).
  const notice = input.notify ? await tellCustomer(deps, viewer, made.reservationId) : null;
  return presentRecord(viewer, made.record, notice);
}

/** The notice, or why there is none; an unexpected failure must not turn a committed reservation into an error. */
async function tellCustomer(deps: ReservationServiceDeps, viewer: Viewer, reservationId: string): Promise<NonNullable<ReservationView['notice']>> {
  try {
    return await notifyCustomer(deps, viewer, reservationId);
  } catch (error) {
    deps.log.error({ err: error, reservationId }, 'reservation notice failed');
    const skippedReason: NoticeSkip = 'notice_failed';
    await deps.db.reservationEvent.updateMany({ where: { reservationId, status: 'requested' }, data: { note: skippedReason } });
    return { channel: null, messageId: null, skippedReason };
  }
}

/** Store staff work in one store; everyone else who may manage reservations, in any. */
function ownStoreOnly(viewer: Viewer, storeId: string): void {
  if (viewer.role === 'store_staff' && viewer.storeId !== storeId) throw forbidden('You can act only on reservations of your own store');
}

/** The store a store-staff member's query is about; null (every store) for other roles that leave it out. */
function storeScope(viewer: Viewer, storeId: string | null | undefined): string | null {
  if (viewer.role !== 'store_staff') return storeId ?? null;
  if (!viewer.storeId) throw forbidden('Your account is not linked to a store');
  if (storeId && storeId !== viewer.storeId) throw forbidden('You can see only the reservations of your own store');
  return viewer.storeId;
}

export async function transitionReservation(deps: ReservationServiceDeps, viewer: Viewer, input: Parsed<typeof ReservationTransitionInput>): Promise<ReservationView> {
  // An agent cancels on the customer's request; every other step is the store's (or a supervisor's).
  const allowed = input.to === 'cancelled' ? can(viewer.role, 'reservations.manage') || can(viewer.role, 'reservations.create') : can(viewer.role, 'reservations.manage');
  if (!allowed) throw forbidden();
  const subject = await deps.db.reservation.findUnique({ where: { id: input.id }, include: stepSubjectInclude });
  if (!subject) throw notFound('Reservation');
  ownStoreOnly(viewer, subject.storeId);
  const status = ReservationStatus.parse(subject.status);
  if (status !== input.expectedStatus) {
    throw new ServiceError('CONFLICT', `Reservation ${subject.code} is already ${status}`, [{ path: 'expectedStatus', message: `is ${status}` }]);
  }
  if (!canTransition(status, input.to)) throw new ServiceError('CONFLICT', `A ${status} reservation cannot become ${input.to}`, [{ path: 'to', message: `not allowed from ${status}` }]);
  const reason = input.reason?.trim() || null;
  if (input.to === 'cancelled' && !reason) throw new ServiceError('BAD_REQUEST', 'Say why the reservation is cancelled', [{ path: 'reason', message: 'required' }]);
  if (input.to !== 'cancelled' && (await expireIfDue(deps, subject))) {
    // Its hold is over: it ends here and now (the units go back on sale) instead of being handed over late.
    throw new ServiceError('CONFLICT', `The hold of ${subject.code} ended at ${subject.holdUntil.toISOString()}: the reservation has expired and its units are back in stock`, [
      { path: 'id', message: 'expired' },
    ]);
  }
  const moved = await applyStep(deps, subject, { from: status, to: input.to, viewer, note: input.to === 'cancelled' ? reason : null });
  if (!moved) throw new ServiceError('CONFLICT', `Reservation ${subject.code} was changed by someone else meanwhile: reload it`);
  return viewOf(deps, viewer, subject.id);
}

export async function listReservations(deps: ReservationServiceDeps, viewer: Viewer, input: Parsed<typeof ReservationListInput>): Promise<ReservationPage> {
  const storeId = storeScope(viewer, input.storeId);
  const active = input.scope === 'active';
  // The queue: what ends soonest first. Everything: newest first.
  const timeField = active ? 'holdUntil' : 'createdAt';
  const dir = active ? 'gt' : 'lt';
  const after = input.cursor ? decodeCursor(input.cursor, 2) : null;
  const rows = await deps.db.reservation.findMany({
    where: {
      ...(storeId ? { storeId } : {}),
      ...(active ? { status: { in: [...ACTIVE_RESERVATION_STATUSES] } } : {}),
      ...(after ? { OR: [{ [timeField]: { [dir]: new Date(String(after[0])) } }, { [timeField]: new Date(String(after[0])), id: { [dir]: String(after[1]) } }] } : {}),
    },
    orderBy: [{ [timeField]: active ? 'asc' : 'desc' }, { id: active ? 'asc' : 'desc' }],
    take: input.limit + 1,
    include: viewInclude,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  await auditCustomerViews(deps.db, viewer, 'reservation.list', page);
  return {
    items: await presentReservations(deps.db, viewer, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last[timeField].toISOString(), last.id]) : null,
  };
}

const FIND_LIMIT = 20;

/** By code (exactly, any case) or the last four digits of the customer's phone, within the store. */
export async function findReservations(deps: ReservationServiceDeps, viewer: Viewer, input: Parsed<typeof ReservationFindInput>): Promise<ReservationView[]> {
  const storeId = storeScope(viewer, input.storeId);
  const code = normalizeReservationCode(input.query);
  const digits = /^\d{4}$/.test(input.query) ? input.query : null;
  if (!code && !digits) {
    throw new ServiceError('BAD_REQUEST', 'Enter a reservation code (6 characters) or the last 4 digits of the phone', [{ path: 'query', message: 'code or 4 digits' }]);
  }
  const rows = await deps.db.reservation.findMany({
    where: {
      ...(storeId ? { storeId } : {}),
      ...(code
        ? { code }
        : { status: { in: [...ACTIVE_RESERVATION_STATUSES] }, customer: { identities: { some: { kind: 'phone', normalized: { endsWith: digits! } } } } }),
    },
    orderBy: [{ holdUntil: 'asc' }, { id: 'asc' }],
    take: FIND_LIMIT,
    include: viewInclude,
  });
  await auditCustomerViews(deps.db, viewer, 'reservation.find', rows);
  return presentReservations(deps.db, viewer, rows);
}

const CLOSED_SHOWN = 20;

/**
 * A customer's reservations for their profile: open ones first (soonest to end first), then the latest
 * closed ones. Allowed with customers.history.read (it is part of their history) or reservations.create
 * (the agent reserving for the caller must see what the caller already holds).
 */
export async function customerReservations(deps: ReservationServiceDeps, viewer: Viewer, input: Parsed<typeof CustomerReservationsInput>): Promise<ReservationView[]> {
  if (!can(viewer.role, 'customers.history.read') && !can(viewer.role, 'reservations.create')) throw forbidden();
  const open = await deps.db.reservation.findMany({
    where: { customerId: input.customerId, status: { in: [...ACTIVE_RESERVATION_STATUSES] } },
    orderBy: [{ holdUntil: 'asc' }, { id: 'asc' }],
    include: viewInclude,
  });
  const closed = await deps.db.reservation.findMany({
    where: { customerId: input.customerId, status: { notIn: [...ACTIVE_RESERVATION_STATUSES] } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: CLOSED_SHOWN,
    include: viewInclude,
  });
  const rows = [...open, ...closed];
  await auditCustomerViews(deps.db, viewer, 'reservation.forCustomer', rows);
  return presentReservations(deps.db, viewer, rows);
}
