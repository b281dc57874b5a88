//! The operations, one module per section of the IAM API docs. Each module adds its operations to
//! [`IamClient`](crate::IamClient) and declares their params and result types.

pub mod users;
