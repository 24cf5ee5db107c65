//! The columns of a stored file, which `case_attachments` and `documents`
//! share: one mapping to and from [`domain::StoredFile`] for both tables.

/// `$model { $fields, ..the stored-file columns of $file }`: an active model
/// of either table, its file columns set from a `&StoredFile`.
macro_rules! with_file_columns {
    ($model:path { $($field:ident: $value:expr),* $(,)? }, $file:expr) => {{
        let file: &domain::StoredFile = $file;
        $model {
            $($field: $value,)*
            file_name: Set(file.file_name.clone()),
            file_type: Set(file.file_type.as_str().to_owned()),
            size_bytes: Set(i64::try_from(file.size_bytes).unwrap_or(i64::MAX)),
            sha256: Set(file.sha256.clone()),
            storage_key: Set(file.storage_key.clone()),
            uploaded_by: Set(file.uploaded_by.map(|u| u.as_uuid())),
            uploaded_by_name: Set(file.uploaded_by_name.clone()),
            uploaded_at: Set(file.uploaded_at),
        }
    }};
}

/// The [`domain::StoredFile`] of a row of either table; a type the domain
/// does not know is corrupt (`$corrupt` names the field).
macro_rules! stored_file {
    ($row:expr, $corrupt:expr) => {
        domain::StoredFile {
            file_type: $row.file_type.parse().map_err(|_| $corrupt("type"))?,
            file_name: $row.file_name,
            size_bytes: u64::try_from($row.size_bytes).unwrap_or_default(),
            sha256: $row.sha256,
            storage_key: $row.storage_key,
            uploaded_by: $row.uploaded_by.map(domain::UserId::from_uuid),
            uploaded_by_name: $row.uploaded_by_name,
            uploaded_at: $row.uploaded_at,
        }
    };
}

pub(crate) use {stored_file, with_file_columns};
