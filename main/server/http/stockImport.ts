// POST /api/stock/import?fileName=…&dryRun=true|false — the desk uploads a stock file from the ERP/POS as
// the raw body (text/csv or application/octet-stream, up to 64 MB) and gets the import's report when it is
// done; progress goes to the uploader's desks over socket.io meanwhile. The session's bearer token
// authorises it (as /api/attachments), checked before the body is read, so a stranger's upload is cut short.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { StockImportQuery } from '../../../common/api/catalog.ts';
import { can } from '../../../common/domain/policy.ts';
import { fail, fieldErrors, ok } from '../../../common/result.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/broadcast.ts';
import { resolveToken } from '../services/auth/sessions.ts';
import type { Viewer } from '../services/auth/viewer.ts';
import { importStockFile, STOCK_FILE_MAX_BYTES } from '../services/commerce/catalog/stockImport.ts';
import type { StockWriter } from '../services/commerce/catalog/stockWriter.ts';
import { bearer, send } from './attachments.ts';
import { HTTP_STATUS } from './status.ts';

export interface StockImportRouteDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  realtime: Realtime;
  writer: StockWriter;
  sessionHours: number;
}

export function registerStockImportRoute(app: FastifyInstance, deps: StockImportRouteDeps): void {
  const viewers = new WeakMap<FastifyRequest, Viewer>();

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: STOCK_FILE_MAX_BYTES }, (_request, body, done) => done(null, body));

    scope.addHook('onRequest', async (request, reply) => {
      const viewer = await resolveToken(deps.db, bearer(request), deps.sessionHours, request.ip);
      if (!viewer) return send(reply.header('connection', 'close'), fail('UNAUTHENTICATED', 'Sign in first'));
      if (!can(viewer.role, 'stock.import')) return send(reply.header('connection', 'close'), fail('FORBIDDEN', 'Your role does not allow importing stock'));
      viewers.set(request, viewer);
    });

    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error instanceof ServiceError) return send(reply, fail(error.code, error.message, error.fields));
      if (error.statusCode === 413) {
        return send(reply.header('connection', 'close'), fail('BAD_REQUEST', `The file is larger than ${STOCK_FILE_MAX_BYTES / (1024 * 1024)} MB`, [{ path: 'file', message: 'too_large' }]), 413);
      }
      if (error.statusCode === 415) {
        return send(reply, fail('BAD_REQUEST', 'Send the file as text/csv or application/octet-stream', [{ path: 'content-type', message: 'unsupported' }]), 415);
      }
      if (error.statusCode && error.statusCode < 500) return send(reply, fail('BAD_REQUEST', error.message), error.statusCode);
      deps.log.error({ err: error, path: request.url }, 'stock import failed');
      return send(reply, fail('INTERNAL', 'The import failed; lines already applied stay applied, see the import list'), HTTP_STATUS.INTERNAL);
    });

    scope.post('/api/stock/import', async (request, reply) => {
      const viewer = viewers.get(request)!;
      const query = StockImportQuery.safeParse(request.query);
      if (!query.success) return send(reply, fail('BAD_REQUEST', 'Name the file and say whether it is a dry run', fieldErrors(query.error)));
      if (!Buffer.isBuffer(request.body)) return send(reply, fail('BAD_REQUEST', 'Send the file as the request body', [{ path: 'file', message: 'required' }]));
      const report = await importStockFile({ db: deps.db, writer: deps.writer, realtime: deps.realtime, clock: deps.clock }, viewer, {
        fileName: query.data.fileName,
        bytes: request.body,
        dryRun: query.data.dryRun,
      });
      return send(reply, ok(report));
    });
  });
}
