/**
 * Which fields are sensitive personal data, declared once: bank accounts (Decree 13/2023/ND-CP on personal data
 * protection, art. 2(4)(h): financial data) and health details (art. 2(4)(c): health status, here the cause of
 * death and a relative's work-incapacity assessment). They are sealed at rest (AES-256-GCM, keys from the
 * environment) wherever a part stores them: the hub's dossiers, every part's outbox. A path is dot-separated;
 * `*` stands for every element of an array or every key of a record.
 */
export const SENSITIVE_DECLARATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  birth: [],
  death: ['deceased.cause', 'relatives.*.incapacityPercent', 'payee.bankAccount'],
  'voluntary-si': [],
};

export const SENSITIVE_MESSAGE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'civil-registry.death-registration.requested': ['death.cause'],
  'social-security.death-benefits.requested': ['deceased.cause', 'relatives.*.incapacityPercent', 'payee.bankAccount'],
  // A supplement answer is whatever an agency asked for — an incapacity assessment, a bank account: all of it.
  'procedure.supplement-provided': ['answers.*'],
};
