/**
 * The designer addresses condition nodes by JSON pointers relative to the conditions root
 * (`''`, `/all/0`, `/all/0/not`): the same pointers the server's problems carry.
 */
export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/');
}
