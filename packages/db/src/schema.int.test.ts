import path from 'node:path';
import ts from 'typescript';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';

/**
 * schema.ts is written by hand; the migrations are what the database really is. This test runs
 * every migration and holds the two together: the same tables and columns, the same nullability,
 * a TypeScript type that fits the column's Postgres type, and no column that inserts may omit
 * unless the database can fill it in.
 */

type Kind = 'string' | 'number' | 'boolean' | 'Date' | 'Buffer' | 'json';

interface ColumnShape {
  nullable: boolean;
  /** What a select returns, without null; 'json' when it is an object, array or unknown. */
  kinds: Kind[];
  /** Inserts may leave it out (its insert type allows undefined or null). */
  insertMayOmit: boolean;
}

const POSTGRES_KINDS: Record<string, Kind> = {
  int2: 'number',
  int4: 'number',
  int8: 'number',
  text: 'string',
  varchar: 'string',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  bytea: 'Buffer',
  jsonb: 'json',
  json: 'json',
  // Read as its text form, and only inside search queries.
  tsvector: 'string',
};

function kindOf(type: ts.Type): Kind {
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return 'number';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  const name = type.getSymbol()?.getName();
  return name === 'Date' || name === 'Buffer' ? name : 'json';
}

function members(type: ts.Type): ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/** Kysely's ColumnType<S, I, U> (and Generated<S>) carry the select and insert types as phantom properties. */
function columnShape(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): ColumnShape {
  const phantom = (name: string) => {
    const symbol = type.getProperty(name);
    return symbol ? checker.getTypeOfSymbolAtLocation(symbol, at) : type;
  };
  const select = members(phantom('__select__'));
  const nonNull = select.filter((t) => !(t.flags & ts.TypeFlags.Null));
  return {
    nullable: nonNull.length < select.length,
    kinds: [...new Set(nonNull.map(kindOf))].sort(),
    insertMayOmit: members(phantom('__insert__')).some((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)),
  };
}

/** Table → column → shape, read from schema.ts's `Database` interface by the TypeScript compiler. */
function schemaFromTypes(): Map<string, Map<string, ColumnShape>> {
  const file = path.join(__dirname, 'schema.ts');
  // The repository's own compiler options, so workspace packages schema.ts names resolve as in tsc.
  const tsconfig = path.resolve(__dirname, '../../../tsconfig.json');
  const { config } = ts.readConfigFile(tsconfig, (name) => ts.sys.readFile(name));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(tsconfig));
  const program = ts.createProgram([file], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  // A type that does not resolve reads as anything and would pass every check below.
  const errors = ts.getPreEmitDiagnostics(program, source);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost(options)));
  const database = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!database) throw new Error('schema.ts has no Database interface');
  const tables = new Map<string, Map<string, ColumnShape>>();
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getTypeOfSymbolAtLocation(table, database).getProperties()) {
      columns.set(column.getName(), columnShape(checker, checker.getTypeOfSymbolAtLocation(column, database), database));
    }
    tables.set(table.getName(), columns);
  }
  return tables;
}

describe('schema.ts against the migrations (real Postgres)', () => {
  let t: TestDatabase;
  let declared: Map<string, Map<string, ColumnShape>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    declared = schemaFromTypes();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('declares exactly the tables the migrations create', async () => {
    const tables = await t.db.introspection.getTables();
    expect([...declared.keys()].sort()).toEqual(
      tables
        .filter((table) => !table.isView)
        .map((table) => table.name)
        .sort(),
    );
  });

  it('declares every column with its nullability, a fitting type, and omits on insert only what has a default', async () => {
    const mismatches: string[] = [];
    for (const table of await t.db.introspection.getTables()) {
      const columns = declared.get(table.name) ?? new Map<string, ColumnShape>();
      const inDatabase = new Set(table.columns.map((c) => c.name));
      for (const name of columns.keys()) {
        if (!inDatabase.has(name)) mismatches.push(`${table.name}.${name}: in schema.ts, not in the database`);
      }
      for (const column of table.columns) {
        const where = `${table.name}.${column.name}`;
        const shape = columns.get(column.name);
        if (!shape) {
          mismatches.push(`${where}: in the database, not in schema.ts`);
          continue;
        }
        if (shape.nullable !== column.isNullable) {
          mismatches.push(`${where}: ${column.isNullable ? 'nullable' : 'not null'} in the database, not in schema.ts`);
        }
        const kind = POSTGRES_KINDS[column.dataType];
        if (!kind) mismatches.push(`${where}: Postgres type ${column.dataType} has no expected TypeScript type here (add it)`);
        else if (kind !== 'json' && (shape.kinds.length !== 1 || shape.kinds[0] !== kind)) {
          mismatches.push(`${where}: ${column.dataType} reads as ${kind}, schema.ts says ${shape.kinds.join(' | ')}`);
        }
        if (shape.insertMayOmit && !column.isNullable && !column.hasDefaultValue && !column.isAutoIncrementing) {
          mismatches.push(`${where}: schema.ts lets inserts omit it, but it is not null with no default`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
