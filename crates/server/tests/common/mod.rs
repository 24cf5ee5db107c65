pub mod server_process;
