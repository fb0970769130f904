export const departments = {
  departments: {
    create: '新建部门',
    rename: '重命名',
    name: '部门名称',
    createdAt: '创建时间',
    empty: '尚无部门',
  },
}
