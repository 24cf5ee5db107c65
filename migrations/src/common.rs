//! Pieces the migrations share. Each builds exactly the statement the
//! migrations used to spell out, so the schema they produce is unchanged:
//! they have run on production databases, and fresh installs must match.

use sea_orm_migration::{prelude::*, schema::*};

/// The migration of the file it stands in: named after the file (as
/// `DeriveMigrationName` names it), running the file's `up` and `down`.
#[macro_export]
macro_rules! migration {
    () => {
        pub struct Migration;

        impl sea_orm_migration::MigrationName for Migration {
            fn name(&self) -> &str {
                sea_orm_migration::util::get_file_stem(file!())
            }
        }

        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                up(manager).await
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                down(manager).await
            }
        }
    };
}

/// The column every foreign key references: the target table's `id`.
#[derive(DeriveIden)]
enum Target {
    Id,
}

/// `uuid NOT NULL PRIMARY KEY`.
pub fn uuid_pk(col: impl IntoIden) -> ColumnDef {
    uuid(col).primary_key().take()
}

/// `CREATE TABLE table (id uuid NOT NULL PRIMARY KEY, ...)`: the start of
/// every entity table; the other columns follow.
pub fn entity_table(table: impl IntoIden, id: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(table.into_iden())
        .col(uuid_pk(id))
        .take()
}

/// `integer NOT NULL DEFAULT 1`: the optimistic-locking version.
pub fn version(col: impl IntoIden) -> ColumnDef {
    integer(col).default(1).take()
}

/// Columns that come together, and named foreign keys to a table's `id`,
/// inside `CREATE TABLE`.
pub trait CreateTableExt {
    /// Adds a foreign key (the `foreign_key` of the statement).
    fn add_fk(&mut self, fk: &mut ForeignKeyCreateStatement) -> &mut Self;

    /// Adds a column (the `col` of the statement).
    fn add_col(&mut self, col: ColumnDef) -> &mut Self;

    /// `CONSTRAINT name FOREIGN KEY (col) REFERENCES to (id) ON DELETE on_delete`.
    /// The referencing table is the one created, so it is not named.
    fn fk(
        &mut self,
        name: &str,
        col: impl IntoIden,
        to: impl IntoIden,
        on_delete: ForeignKeyAction,
    ) -> &mut Self {
        self.add_fk(
            ForeignKey::create()
                .name(name)
                .from_col(col)
                .to(to.into_iden(), Target::Id)
                .on_delete(on_delete),
        )
    }

    /// The column `col` (a uuid, as `column` makes it) and its foreign key.
    /// Columns and foreign keys are listed apart in the statement, so adding
    /// both here keeps each list in the order the calls come.
    fn ref_col(
        &mut self,
        column: fn(DynIden) -> ColumnDef,
        col: impl IntoIden,
        name: &str,
        to: impl IntoIden,
        on_delete: ForeignKeyAction,
    ) -> &mut Self {
        let col = col.into_iden();
        self.add_col(column(col.clone()))
            .fk(name, col, to, on_delete)
    }

    /// `col uuid NOT NULL`, its rows going with the row it references.
    fn owned_by(&mut self, col: impl IntoIden, name: &str, to: impl IntoIden) -> &mut Self {
        self.ref_col(uuid, col, name, to, ForeignKeyAction::Cascade)
    }

    /// `col uuid NOT NULL`, keeping the row it references from being deleted.
    fn refers_to(&mut self, col: impl IntoIden, name: &str, to: impl IntoIden) -> &mut Self {
        self.ref_col(uuid, col, name, to, ForeignKeyAction::Restrict)
    }

    /// `created_at` and `updated_at`, both `timestamptz NOT NULL`: the row's
    /// creation and last change, set by the repositories.
    fn stamps(&mut self, created_at: impl IntoIden, updated_at: impl IntoIden) -> &mut Self {
        self.add_col(timestamp_with_time_zone(created_at))
            .add_col(timestamp_with_time_zone(updated_at))
    }
}

impl CreateTableExt for TableCreateStatement {
    fn add_fk(&mut self, fk: &mut ForeignKeyCreateStatement) -> &mut Self {
        self.foreign_key(fk)
    }

    fn add_col(&mut self, mut col: ColumnDef) -> &mut Self {
        self.col(&mut col)
    }
}

/// `CREATE TABLE`, then `CREATE INDEX name ON table (cols)` for each entry,
/// in order.
pub async fn create_table<C: IntoIden>(
    manager: &SchemaManager<'_>,
    table: &mut TableCreateStatement,
    indexes: impl IntoIterator<Item = (&str, Vec<C>)>,
) -> Result<(), DbErr> {
    let name = match table.get_table_name() {
        Some(TableRef::Table(name)) => name.clone(),
        _ => return Err(DbErr::Migration("a table to create needs a name".into())),
    };
    create_tables(manager, [table]).await?;
    create_indexes(manager, name, indexes).await
}

/// `CREATE TABLE`, one per statement, in order, without indexes.
pub async fn create_tables<'t>(
    manager: &SchemaManager<'_>,
    tables: impl IntoIterator<Item = &'t mut TableCreateStatement>,
) -> Result<(), DbErr> {
    for table in tables {
        manager.create_table(table.take()).await?;
    }
    Ok(())
}

/// `CREATE INDEX name ON table (cols)`, one per entry, in order.
pub async fn create_indexes<C: IntoIden>(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    indexes: impl IntoIterator<Item = (&str, Vec<C>)>,
) -> Result<(), DbErr> {
    let table = table.into_iden();
    for (name, cols) in indexes {
        let mut index = Index::create();
        index.name(name).table(table.clone());
        for col in cols {
            index.col(col);
        }
        manager.create_index(index).await?;
    }
    Ok(())
}

/// `DROP INDEX name` (of `table`).
pub async fn drop_index(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    name: &str,
) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table(table.into_iden()).to_owned())
        .await
}

/// `DROP INDEX old` and `CREATE INDEX new` in its place, on `table`.
pub async fn replace_index<C: IntoIden>(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    old: &str,
    new: (&str, Vec<C>),
) -> Result<(), DbErr> {
    let table = table.into_iden();
    drop_index(manager, table.clone(), old).await?;
    create_indexes(manager, table, [new]).await
}

/// Runs each SQL statement as written, in order: for what the statement
/// builders cannot say (partial indexes).
pub async fn execute_all(manager: &SchemaManager<'_>, sqls: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in sqls {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// `DROP TABLE`, one per table, in order.
pub async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: impl IntoIterator<Item = DynIden>,
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(table.into_iden()).to_owned())
            .await?;
    }
    Ok(())
}

/// `DROP TABLE table`.
pub async fn drop_table(manager: &SchemaManager<'_>, table: impl IntoIden) -> Result<(), DbErr> {
    drop_tables(manager, [table.into_iden()]).await
}

/// `ALTER TABLE table ADD COLUMN`, one statement per column (SQLite takes one
/// alteration per statement).
pub async fn add_columns(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = ColumnDef>,
) -> Result<(), DbErr> {
    let table = table.into_iden();
    for mut column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table.clone())
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

/// `ALTER TABLE table DROP COLUMN`, one statement per column.
pub async fn drop_columns<C: IntoIden>(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    let table = table.into_iden();
    for column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table.clone())
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}
