/**
 * Problem titles for the people who read them: Chinese by default, English on request
 * (Accept-Language: en). Details stay as written (field paths and reasons).
 */
const ZH_BY_TITLE: Record<string, string> = {
  'Invalid request': '请求无效',
  'Malformed JSON': '请求体不是有效的 JSON',
  'Not Found': '未找到',
  Forbidden: '无权执行此操作',
  'Action not allowed in the current step': '当前环节不允许此操作',
  Conflict: '与当前数据冲突',
  'Case not ready': '案件尚在开启中',
  'No deadline can be computed': '无法计算期限',
  'Deadline cannot be computed': '无法计算期限',
  'Service Unavailable': '服务暂不可用',
  'Method Not Allowed': '不允许此请求方法',
  'Content Too Large': '请求体过大',
  'Unsupported Media Type': '不支持的请求体类型',
  'Internal Server Error': '服务器内部错误',
};

const ZH_BY_STATUS: Record<number, string> = {
  400: '请求无效',
  401: '未认证',
  403: '无权执行此操作',
  404: '未找到',
  405: '不允许此请求方法',
  409: '与当前状态冲突',
  412: '前提条件不满足',
  413: '请求体过大',
  415: '不支持的请求体类型',
  422: '无法处理的请求',
  408: '请求超时',
  429: '请求过于频繁',
  431: '请求头过大',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

export type Language = 'zh-CN' | 'en';

/** English only when the caller asks for it before any Chinese. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .find((tag) => tag.startsWith('en') || tag.startsWith('zh'));
  return first?.startsWith('en') ? 'en' : 'zh-CN';
}

export function localisedTitle(title: string, status: number, language: Language): string {
  if (language === 'en') return title;
  return ZH_BY_TITLE[title] ?? ZH_BY_STATUS[status] ?? title;
}
