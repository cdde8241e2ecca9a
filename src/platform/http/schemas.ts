import Type from 'typebox';

export const ErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  messageVi: Type.String(),
  fields: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), reason: Type.String(), reasonVi: Type.String() })),
});

export const Paging = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
