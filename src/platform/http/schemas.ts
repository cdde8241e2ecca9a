import Type from 'typebox';

export const ErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  messageVi: Type.String(),
  fields: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), reason: Type.String(), reasonVi: Type.String() })),
});

/** A page of a list. Closed, like every query string: an unknown parameter is a 400 naming it, never ignored. */
export const Paging = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** The query string of a route that takes none: closed, so `?anything` is refused rather than silently ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
