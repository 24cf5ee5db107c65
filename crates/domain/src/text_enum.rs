//! Enums stored and sent as snake_case text.

/// Declares an enum with `ALL`, `as_str` and `FromStr` over the given names.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident / $error:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[error("unknown {kind} {0:?}", kind = stringify!($name))]
        $vis struct $error(pub String);

        impl std::str::FromStr for $name {
            type Err = $error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $error(s.to_owned()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A checked text's way in and out of a `String` (serde's `try_from` and
/// `into`): in through its `parse`, out as its `as_str`.
#[macro_export]
macro_rules! text_conversions {
    ($($name:ident / $error:ident),+ $(,)?) => {
        $(
            impl TryFrom<String> for $name {
                type Error = $error;
                fn try_from(s: String) -> Result<Self, Self::Error> {
                    Self::parse(&s)
                }
            }

            impl From<$name> for String {
                fn from(value: $name) -> Self {
                    value.as_str().to_owned()
                }
            }
        )+
    };
}
