// The one path every command takes, from socket.io or HTTP: known name → schema → policy → service,
// answered with a Result. Nothing thrown inside reaches the transport as anything but an error result.
import { isCommandName, commandInputs, type CommandName, type CommandOutput } from '../../../common/realtime/commands.ts';
import { can } from '../../../common/domain/policy.ts';
import { fail, fieldErrors, ok, type Result } from '../../../common/result.ts';
import { ServiceError } from '../errors.ts';
import { handlers, type CommandContext } from './handlers.ts';

export async function dispatch(name: string, payload: unknown, ctx: CommandContext): Promise<Result<unknown>> {
  if (!isCommandName(name)) {
    ctx.log.warn({ command: name, userId: ctx.viewer.userId }, 'unknown command');
    return fail('UNKNOWN_COMMAND', `Unknown command "${name.slice(0, 60)}"`);
  }
  return run(name, payload, ctx);
}

async function run<K extends CommandName>(name: K, payload: unknown, ctx: CommandContext): Promise<Result<CommandOutput<K>>> {
  const handler = handlers[name];
  if (handler.permission && !can(ctx.viewer.role, handler.permission)) {
    ctx.log.warn({ command: name, userId: ctx.viewer.userId, role: ctx.viewer.role }, 'command forbidden');
    return fail('FORBIDDEN', 'Your role does not allow this');
  }
  const parsed = commandInputs[name].safeParse(payload ?? {});
  if (!parsed.success) {
    ctx.log.warn({ command: name, userId: ctx.viewer.userId, issues: parsed.error.issues.length }, 'invalid command payload');
    return fail('BAD_REQUEST', `Invalid payload for ${name}`, fieldErrors(parsed.error));
  }
  try {
    return ok(await handler.run(ctx, parsed.data as never));
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.code, error.message, error.fields);
    ctx.log.error({ err: error, command: name }, 'command failed');
    return fail('INTERNAL', 'Something went wrong on the hub; the error was logged');
  }
}
