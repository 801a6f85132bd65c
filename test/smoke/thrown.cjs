// The error `action` throws (undefined if it returns): how both consumers catch the error they report.
exports.thrown = (action) => {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
};
