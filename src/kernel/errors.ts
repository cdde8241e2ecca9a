/**
 * The platform's error catalogue: a stable code, the message in Vietnamese and English, the HTTP
 * status. Domain code throws `AppError` with a code; only the HTTP layer looks at the status.
 * Codes are never reused once retired (docs/errors.md lists them; a test keeps the two in step).
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, en: 'The request is not valid.', vi: 'Yêu cầu không hợp lệ.' },
  UNAUTHENTICATED: { status: 401, en: 'Sign-in is required.', vi: 'Cần đăng nhập.' },
  FORBIDDEN: { status: 403, en: 'You may not do this.', vi: 'Bạn không có quyền thực hiện thao tác này.' },
  NOT_FOUND: { status: 404, en: 'Not found.', vi: 'Không tìm thấy.' },
  CONFLICT: { status: 409, en: 'This cannot be done in the current state.', vi: 'Không thể thực hiện ở trạng thái hiện tại.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request.',
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', vi: 'Yêu cầu quá lớn.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'Send JSON (application/json).', vi: 'Hãy gửi dữ liệu JSON (application/json).' },
  RATE_LIMITED: { status: 429, en: 'Too many requests; wait a minute and try again.', vi: 'Quá nhiều yêu cầu; vui lòng chờ một phút rồi thử lại.' },
  NOT_READY: { status: 503, en: 'The platform is starting; try again shortly.', vi: 'Hệ thống đang khởi động; vui lòng thử lại sau.' },
  INTERNAL: { status: 500, en: 'An internal error occurred.', vi: 'Đã xảy ra lỗi hệ thống.' },
  SIGN_IN_FAILED: {
    status: 401,
    en: 'Sign-in failed: the username, password or one-time code is wrong, or the account cannot sign in now.',
    vi: 'Đăng nhập không thành công: tên đăng nhập, mật khẩu hoặc mã xác thực không đúng, hoặc tài khoản hiện không thể đăng nhập.',
  },
  INVALID_CLIENT: { status: 401, en: 'The client could not be authenticated.', vi: 'Không xác thực được ứng dụng khách.' },
  INVALID_SCOPE: {
    status: 400,
    en: 'A requested scope is not allowed for this client.',
    vi: 'Phạm vi truy cập được yêu cầu không được cấp cho ứng dụng khách này.',
  },
  UNSUPPORTED_GRANT_TYPE: { status: 400, en: 'Only the client_credentials grant is supported.', vi: 'Chỉ hỗ trợ kiểu cấp quyền client_credentials.' },
  SIGN_IN_INCOMPLETE: {
    status: 400,
    en: 'The sign-in could not be completed; please start again.',
    vi: 'Không hoàn tất được việc đăng nhập; vui lòng thực hiện lại.',
  },
  CSRF_FAILED: {
    status: 403,
    en: 'The form has expired or did not come from this site; reload the page and try again.',
    vi: 'Biểu mẫu đã hết hạn hoặc không xuất phát từ trang này; hãy tải lại trang và thử lại.',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 503,
    en: 'The identity provider does not answer; try again shortly.',
    vi: 'Nhà cung cấp định danh không phản hồi; vui lòng thử lại sau.',
  },
} as const satisfies Record<string, { status: number; en: string; vi: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly reason: string;
  readonly reasonVi: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly fields: readonly FieldError[] = [],
    detail?: string,
  ) {
    super(detail ?? ERROR_CATALOGUE[code].en);
  }
}

export function fieldError(path: string, code: string, reason: string, reasonVi: string): FieldError {
  return { path, code, reason, reasonVi };
}
