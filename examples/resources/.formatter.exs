[inputs: ["{mix,.formatter,bench,sanitize}.exs", "{lib,test}/**/*.{ex,exs}"]]
