import path from 'node:path';
import ts from 'typescript';

/**
 * What a shell (CLI, desktop main, web host, bench, scripts) may touch on a `SpoolCore`:
 * opening and closing it, what it says about itself, `connect()` for the typed client,
 * and the two small interfaces browser mode's HTTP routes take. Everything else
 * (its services, the engine, the stores) is reached through `connect()`'s `call`.
 */
export const SHELL_SURFACE = new Set([
  'connect',
  'close',
  'info',
  'dataDir',
  'connectedClients',
  'exportDownloads',
  'importUploads',
]);

/** The expression a cast, a `!` or parentheses wrap: `(core as unknown as X).engine` is still `core`. */
function unwrap(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isTypeAssertionExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e)
  )
    e = e.expression;
  return e;
}

/**
 * Every member access on a `SpoolCore` value in `files` outside `SHELL_SURFACE`, as
 * `file:line: text`. The compiler's own type checker decides what is a `SpoolCore`, so a
 * renamed variable, a destructuring or a cast does not hide a reach-in.
 */
export function reachIns(repoRoot: string, files: string[]): string[] {
  const configPath = path.join(repoRoot, 'tsconfig.node.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const isCore = (e: ts.Expression): boolean => {
    const type = checker.getTypeAtLocation(unwrap(e));
    const symbol = type.getSymbol();
    // An instance, not the class itself: `SpoolCore.open(…)` is how a shell starts one.
    return symbol?.getName() === 'SpoolCore' && checker.getDeclaredTypeOfSymbol(symbol) === type;
  };
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not part of the program: ${file}`);
    const report = (node: ts.Node, member: string): void => {
      if (SHELL_SURFACE.has(member)) return;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const rel = path.relative(repoRoot, file).split(path.sep).join('/');
      found.push(`${rel}:${line + 1}: ${node.getText().replace(/\s+/g, ' ')}`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && isCore(node.expression)) report(node, node.name.text);
      else if (ts.isElementAccessExpression(node) && isCore(node.expression))
        report(
          node,
          ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '[computed]',
        );
      else if (
        ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer &&
        isCore(node.initializer)
      )
        for (const el of node.name.elements)
          report(el, ((el.propertyName ?? el.name) as ts.Identifier).text ?? '[computed]');
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
