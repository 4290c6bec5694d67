/**
 * The one place where every request's input is made safe before any route sees it: route
 * parameters, the query string and the parsed body (JSON or a form) of every route are inspected
 * (input-inspection.ts) in a preValidation hook, after the staff guards and before the route's
 * schema. Anything refused is a 400 that names each field; nothing reaches a service or the database.
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequestError } from '../errors.ts';
import { inspectInput, type InputProblems } from './input-inspection.ts';

export const REFUSED_INPUT = 'The request contains input that cannot be accepted.';

function problemsOf(request: FastifyRequest): InputProblems | null {
  const all: InputProblems = Object.create(null) as InputProblems;
  let any = false;
  for (const [part, value] of [['', request.body], ['query', request.query], ['params', request.params]] as const) {
    if (value === undefined) continue;
    const found = inspectInput(value);
    if (!found) continue;
    any = true;
    for (const [path, messages] of Object.entries(found)) all[part ? `${part}.${path}` : path] = messages;
  }
  return any ? all : null;
}

export default fp(
  async (fastify) => {
    fastify.addHook('preValidation', async (request) => {
      const problems = problemsOf(request);
      if (problems) throw new BadRequestError(REFUSED_INPUT, problems);
    });
  },
  { name: 'input-guard' },
);
