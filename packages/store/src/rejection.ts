import type { Issue } from '@tradeloop/core';

/** One rejected input cell, located as a spreadsheet user would find it. */
export interface Rejection {
  file: string;
  row: number;
  column: string;
  value: string;
  rule: string;
  message: string;
}

/** Input was refused and nothing was changed, with every rejection listed. */
export class InputRejected extends Error {
  readonly rejections: readonly Rejection[];
  constructor(rejections: Rejection[]) {
    super(`${rejections.length} problem${rejections.length === 1 ? '' : 's'} in the input; nothing was changed`);
    this.name = 'InputRejected';
    this.rejections = rejections;
  }
}

export const issueToRejection = (file: string, row: number, column: string, issue: Issue): Rejection => ({
  file,
  row,
  column,
  value: issue.value === undefined || issue.value === null ? '' : String(issue.value),
  rule: issue.code,
  message: issue.message,
});
