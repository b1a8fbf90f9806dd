import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { columnKit, optional, required } from './column-kit.js';

export const contactRowSchema = z.object({
  customer: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100, { error: 'must be at most 100 characters' }),
  title: z.string().max(60).nullable(),
  phone: z.string().max(40).nullable(),
  email: z.email({ error: 'must be an e-mail address like li@example.com' }).nullable(),
  wechat: z.string().max(60).nullable(),
});
export type ContactRow = z.infer<typeof contactRowSchema>;

/**
 * Contact people of customers, keyed by customer and name (a re-import updates them).
 *
 * @example
 * matchHeaders(contactColumns(), ['客户编码', '联系人', '手机', '微信']).ok // true
 */
export function contactColumns(): ColumnSpec<ContactRow>[] {
  const c = columnKit<ContactRow>();
  const none = optional(null);
  return [
    c.text(
      'customer',
      { header: 'customer', en: 'Customer', zh: '客户编码', aliases: ['客户', '客户编码', 'customer code'] },
      required,
      'C001',
    ),
    c.text(
      'name',
      { header: 'name', en: 'Name', zh: '联系人', aliases: ['联系人', '姓名', 'contact', 'contact name'] },
      required,
      '王芳',
    ),
    c.text(
      'title',
      { header: 'title', en: 'Title', zh: '职务', aliases: ['职务', '职位', 'job title', 'position'] },
      none,
      '采购经理',
    ),
    c.text(
      'phone',
      { header: 'phone', en: 'Phone', zh: '电话', aliases: ['电话', '手机', '手机号', 'mobile'] },
      none,
      '13800000000',
    ),
    c.text(
      'email',
      { header: 'email', en: 'Email', zh: '邮箱', aliases: ['邮箱', '电子邮件', 'e-mail'] },
      none,
      'wang@example.com',
    ),
    c.text(
      'wechat',
      { header: 'wechat', en: 'Wechat', zh: '微信', aliases: ['微信', '微信号', 'weixin'] },
      none,
      'wangfang',
    ),
  ];
}
