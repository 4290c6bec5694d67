/**
 * The few typed errors the app throws. The one error handler in app.ts maps them to statuses;
 * anything else is a 5xx whose text never reaches the client.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: Record<string, string[]>) {
    super(400, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(404, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden') {
    super(403, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}

export class GoneError extends AppError {
  constructor(message: string) {
    super(410, message);
  }
}

/** Input that is well-formed but wrong: one list of messages per field (per question). */
export class ValidationError extends AppError {
  constructor(message: string, details: Record<string, string[]>) {
    super(422, message, details);
  }
}

/** The database is away (restart, failover): the client should retry with the same key. */
export class UnavailableError extends AppError {
  constructor(message = 'The service is briefly unavailable; please retry.') {
    super(503, message);
  }
}
