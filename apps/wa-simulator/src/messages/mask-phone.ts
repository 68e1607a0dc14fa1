/** A recipient for logs: `+39******4567`; the full number never reaches a log line. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 20);
  if (digits.length < 7) return `+${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
}
