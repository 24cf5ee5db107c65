//! Pieces the migrations share. Each builds exactly the statement the
//! migrations used to spell out, so the schema they produce is unchanged:
//! they have run on production databases, and fresh installs must match.

use sea_orm_migration::{prelude::*, schema::*};

/// The column every foreign key references: the target table's `id`.
#[derive(DeriveIden)]
enum Target {
    Id,
}

/// `uuid NOT NULL PRIMARY KEY`.
pub fn uuid_pk(col: impl IntoIden) -> ColumnDef {
    uuid(col).primary_key().take()
}

/// `integer NOT NULL DEFAULT 1`: the optimistic-locking version.
pub fn version(col: impl IntoIden) -> ColumnDef {
    integer(col).default(1).take()
}

/// Named foreign keys to a table's `id`, inside `CREATE TABLE`.
pub trait ForeignKeys {
    /// Adds a foreign key (the `foreign_key` of the statement).
    fn add_fk(&mut self, fk: &mut ForeignKeyCreateStatement) -> &mut Self;

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

    /// A foreign key whose rows go with the row they reference.
    fn fk_cascade(&mut self, name: &str, col: impl IntoIden, to: impl IntoIden) -> &mut Self {
        self.fk(name, col, to, ForeignKeyAction::Cascade)
    }

    /// A foreign key that keeps the referenced row from being deleted.
    fn fk_restrict(&mut self, name: &str, col: impl IntoIden, to: impl IntoIden) -> &mut Self {
        self.fk(name, col, to, ForeignKeyAction::Restrict)
    }
}

impl ForeignKeys for TableCreateStatement {
    fn add_fk(&mut self, fk: &mut ForeignKeyCreateStatement) -> &mut Self {
        self.foreign_key(fk)
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
    manager.create_table(table.take()).await?;
    create_indexes(manager, name, indexes).await
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
